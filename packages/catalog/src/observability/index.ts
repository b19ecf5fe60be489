/**
 * Catalog section: observability. Exports this section's components.
 */
export {};
