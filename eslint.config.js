// ESLint for the browser app's ES modules (make lint).
import js from "@eslint/js";
import globals from "globals";

export default [
  // Libraries copied from node_modules by `make vendor`: not ours to lint.
  { ignores: ["frontend_static/js/vendor/"] },
  js.configs.recommended,
  {
    files: ["frontend_static/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      // Chart: Chart.js's UMD build (js/vendor/chart.umd.js), loaded as a classic script.
      globals: { ...globals.browser, Chart: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
];
