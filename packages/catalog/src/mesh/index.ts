/**
 * Catalog section: mesh. Exports this section's components.
 */
export {};
