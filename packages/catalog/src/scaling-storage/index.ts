/**
 * Catalog section: scaling-storage. Exports this section's components.
 */
export {};
