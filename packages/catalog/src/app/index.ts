/**
 * Catalog section: app. Exports this section's components.
 */
export {};
