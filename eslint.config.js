// ESLint guards one thing here: every word the interface shows goes through the i18n
// library (FormatJS's plugin). Type checking is tsc's job (`npm run typecheck`).
import tseslint from "typescript-eslint";
import formatjs from "eslint-plugin-formatjs";

export default [
  { ignores: ["dist/**", "node_modules/**", "reports/**", "**/*.test.ts", "server/testing/**"] },
  {
    files: ["client/**/*.{ts,tsx}", "server/**/*.ts", "shared/**/*.ts"],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { formatjs },
    rules: {
      "formatjs/no-literal-string-in-jsx": ["error", { props: { include: [["*", "{label,placeholder,title,alt}"]] } }],
      "formatjs/enforce-default-message": ["error", "literal"],
      "formatjs/enforce-placeholders": "error",
      "formatjs/enforce-plural-rules": ["error", { one: true, other: true }],
      "formatjs/no-missing-icu-plural-one-placeholders": "error",
      "formatjs/prefer-pound-in-plural": "error",
      "formatjs/no-multiple-whitespaces": "error",
      "formatjs/no-offset": "error",
    },
  },
];
