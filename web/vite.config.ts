import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The web app imports the server's domain rules (transition table, enums) through @domain, so the
// buttons it enables come from the same table the server enforces.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * antd's Radio.Group imports one helper (toNamePathStr) from antd's form hooks, which import the whole
 * form engine (@rc-component/form: useForm, the validator). The bundler places chunks by import edges,
 * so every page with a table (Table → Radio) loaded the form engine, ~7 kB gzip, though it never runs.
 * The helper is inlined here (same behaviour: antd/es/form/util.js toArray, joined by '_').
 */
function radioWithoutFormEngine(): Plugin {
  const from = "import { toNamePathStr } from '../form/hooks/useForm';";
  const inline = "const toNamePathStr = (name) => (name === undefined || name === false ? [] : Array.isArray(name) ? name : [name]).join('_');";
  return {
    name: 'radio-without-form-engine',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]antd[\\/]es[\\/]radio[\\/]group\.js$/.test(id)) return null;
      if (!code.includes(from)) this.error('antd radio/group.js changed: update radioWithoutFormEngine in web/vite.config.ts');
      return { code: code.replace(from, inline), map: null };
    },
  };
}

/**
 * antd's table imports its Tree for column filters in `filterMode: 'tree'`, which no page uses: every
 * page with a table (the queue first of all) loaded the tree component and its styles, ~12 kB gzip. The
 * import is replaced by a component that says so should a page ever ask for that mode.
 */
function tableWithoutFilterTree(): Plugin {
  const from = "import Tree from '../../../tree';";
  const stub = 'const Tree = () => { throw new Error("Table filterMode \'tree\' is not bundled: see tableWithoutFilterTree in web/vite.config.ts"); };';
  return {
    name: 'table-without-filter-tree',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]antd[\\/]es[\\/]table[\\/]hooks[\\/]useFilter[\\/]FilterDropdown\.js$/.test(id)) return null;
      if (!code.includes(from)) this.error('antd FilterDropdown.js changed: update tableWithoutFilterTree in web/vite.config.ts');
      return { code: code.replace(from, stub), map: null };
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), radioWithoutFormEngine(), tableWithoutFilterTree()],
  resolve: { alias: { '@domain': here('../src/domain'), '@': here('./src') } },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rollupOptions: {
      // Two pages: the staff app and the customer portal, each with its own bundle.
      input: { main: here('./index.html'), portal: here('./portal.html') },
      // @rc-component/form declares no `sideEffects`: antd's form context (read by every input) needs
      // only its FormProvider, yet the package's index kept Form, Field and the validator in pages
      // without a form, the queue among them. Its modules only define things: marked side-effect free.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/@rc-component/form/') },
    },
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3100', changeOrigin: false } },
  },
});
