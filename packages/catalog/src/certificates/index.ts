/**
 * Catalog section: certificates. Exports this section's components.
 */
export {};
