/**
 * Catalog section: traffic. Exports this section's components.
 */
export {};
