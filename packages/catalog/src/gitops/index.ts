/**
 * Catalog section: gitops. Exports this section's components.
 */
export {};
