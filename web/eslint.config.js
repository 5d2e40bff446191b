// ESLint (flat config): the recommended JavaScript and Vue 3 rules; layout is Prettier's (.prettierrc.json), so the
// stylistic rules that would fight it are off (eslint-config-prettier). `npm run lint`; the Maven build runs it.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier/flat'
import globals from 'globals'

export default [
  { ignores: ['node_modules/', 'public/', 'dist/'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  prettier,
  {
    files: ['**/*.{js,mjs,vue}'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser }
    },
    rules: {
      // field components (CadreFilterFields) bind the fields of the page's reactive search form they are handed;
      // replacing the prop itself stays an error
      'vue/no-mutating-props': ['error', { shallowOnly: true }],
      // where the first attribute sits is layout, and layout is Prettier's
      'vue/first-attribute-linebreak': 'off',
      // Chinese text uses the ideographic space (U+3000) between parts of a line: allowed in template text only
      'no-irregular-whitespace': 'off',
      'vue/no-irregular-whitespace': ['error', { skipHTMLTextContents: true }]
    }
  },
  {
    // route pages and the layout are named after what they show (Roster, Classes, Layout); never used as tags
    files: ['src/views/**/*.vue', 'src/layout/**/*.vue', 'src/App.vue'],
    rules: { 'vue/multi-word-component-names': 'off' }
  },
  {
    files: ['scripts/**/*.mjs', 'vite.config.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } }
  }
]
