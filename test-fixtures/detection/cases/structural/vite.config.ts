import { defineConfig } from "vite";

export default defineConfig({ plugins: [] }); // expect-no-pattern: structural/default-export
