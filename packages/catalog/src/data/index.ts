/**
 * Catalog section: data. Object storage (MinIO), Postgres (CrunchyData PGO),
 * Kafka (Strimzi) and Redis.
 */
export { MINIO_API_PORT, MINIO_BUILTIN_POLICIES, MINIO_CONSOLE_PORT, MINIO_REGION, minio, minioProps } from "./minio.ts";
export type { MinioComponent, MinioProps, MinioS3Endpoint, MinioValues } from "./minio.ts";
export { postgresOperator, postgresOperatorProps } from "./postgres-operator.ts";
export type { PostgresOperatorComponent, PostgresOperatorProps, PostgresOperatorValues } from "./postgres-operator.ts";
export { PGBACKREST_CONFIG_DIR, PGBACKREST_REPO, POSTGRES_PORT, postgresCluster, postgresClusterProps } from "./postgres-cluster.ts";
export type { PostgresClusterComponent, PostgresClusterProps, PostgresConnection } from "./postgres-cluster.ts";
export { STRIMZI_OPERATOR_POD_LABELS, strimziOperator, strimziOperatorProps } from "./strimzi-operator.ts";
export type { StrimziOperatorComponent, StrimziOperatorProps, StrimziOperatorValues } from "./strimzi-operator.ts";
export { KAFKA_PLAIN_PORT, KAFKA_TLS_PORT, STRIMZI_CLUSTER_LABEL, kafkaCluster, kafkaClusterProps, kafkaClusterRefSchema } from "./kafka-cluster.ts";
export type { KafkaAuthentication, KafkaBootstrap, KafkaClusterComponent, KafkaClusterProps, KafkaClusterRef } from "./kafka-cluster.ts";
export { KAFKA_METRICS_CONFIG_KEY, kafkaMetricsConfig } from "./kafka-metrics.ts";
export { kafkaTopic, kafkaTopicProps } from "./kafka-topic.ts";
export type { KafkaTopicProps } from "./kafka-topic.ts";
export { KAFKA_ACL_OPERATIONS, kafkaUser, kafkaUserProps } from "./kafka-user.ts";
export type { KafkaUserProps, KafkaUserResult } from "./kafka-user.ts";
export { REDIS_PORT, REDIS_SENTINEL_PORT, redis, redisProps } from "./redis.ts";
export type { RedisComponent, RedisEndpoint, RedisProps, RedisValues } from "./redis.ts";
