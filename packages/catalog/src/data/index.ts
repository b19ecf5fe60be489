/**
 * Catalog section: data. Exports this section's components.
 */
export {};
