// The backend module's entry point, kept at this path for existing importers.
export * from './backend/index.js';
