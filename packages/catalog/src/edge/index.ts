/**
 * Catalog section: edge. Exports this section's components.
 */
export {};
