/**
 * Catalog section: identity. Exports this section's components.
 */
export {};
