// Drills are run as tests (`npx nx test drills`); shared helpers are exported from here.
export {};
