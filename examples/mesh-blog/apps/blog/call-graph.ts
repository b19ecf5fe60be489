/**
 * Who calls whom in the blog: the one statement of the service graph. The
 * NetworkPolicies (`calls` and `allowFrom` of each app) and the Istio
 * AuthorizationPolicies (service-account principals) are both derived from
 * it, so the two layers of defence can never disagree.
 */

/** The blog's services; each runs as a ServiceAccount of the same name. */
export const BLOG_SERVICES = ["frontend", "user", "content", "comment"] as const;

/** One of {@link BLOG_SERVICES}. */
export type BlogService = (typeof BLOG_SERVICES)[number];

/** The port every blog service listens on (the Services map port 80 to it). */
export const SERVICE_PORT = 8080;

/**
 * The calls each service makes. The frontend renders pages from the other
 * three; comments check the commenter (user) and the post (content);
 * content resolves its authors (user). Nobody calls the frontend but the
 * ingress gateway.
 */
export const BLOG_CALLS: Readonly<Record<BlogService, readonly BlogService[]>> = {
  frontend: ["user", "content", "comment"],
  user: [],
  content: ["user"],
  comment: ["user", "content"],
};

/** The services that call `service`, in {@link BLOG_SERVICES} order. */
export function callersOf(service: BlogService): BlogService[] {
  return BLOG_SERVICES.filter((caller) => BLOG_CALLS[caller].includes(service));
}
