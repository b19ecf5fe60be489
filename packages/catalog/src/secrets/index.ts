/**
 * Catalog section: secrets. Exports this section's components.
 */
export {};
