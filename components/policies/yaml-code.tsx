"use client";

import { yaml } from "@codemirror/lang-yaml";
import { type Diagnostic, lintGutter, linter } from "@codemirror/lint";
import CodeMirror, { EditorView, type Extension, Prec } from "@uiw/react-codemirror";
import { useTheme } from "next-themes";
import { useMemo } from "react";

/** Props of {@link YamlCode}. */
export interface YamlCodeProps {
  value: string;
  /** Called on every edit; leave out for a read-only view. */
  onChange?: (value: string) => void;
  /** Diagnostics for the text, shown inline and in the gutter. Must be a stable function. */
  diagnose?: (text: string) => Diagnostic[];
  /** Receives the view once it exists, for moving the cursor from outside. */
  onReady?: (view: EditorView) => void;
  /** The accessible name of the text area. */
  label: string;
  minHeight?: string;
  maxHeight?: string;
}

/**
 * Sits the editor on the page's own surface: the card's background, the app's borders and mono
 * font, in light and dark alike. Highest precedence, so it wins over the base light/dark theme.
 */
const surface = Prec.highest(
  EditorView.theme({
    "&": { backgroundColor: "transparent", fontSize: "13px" },
    "&.cm-focused": { outline: "none" },
    ".cm-scroller": { fontFamily: "var(--font-geist-mono), ui-monospace, monospace", lineHeight: "1.6" },
    ".cm-gutters": { backgroundColor: "var(--muted)", color: "var(--muted-foreground)", borderRight: "1px solid var(--border)" },
    ".cm-activeLineGutter": { backgroundColor: "var(--accent)" },
    ".cm-lintRange-warning": { backgroundColor: "color-mix(in oklch, var(--warning) 12%, transparent)" },
    ".cm-lintRange-error": { backgroundColor: "color-mix(in oklch, var(--destructive) 10%, transparent)" },
  }),
);

/**
 * A YAML editor (or, without `onChange`, a read-only view) with highlighting and line numbers.
 * CodeMirror measures the DOM, so this module is only ever loaded in the browser; import it
 * through {@link PolicyCode} rather than directly.
 */
export default function YamlCode({ value, onChange, diagnose, onReady, label, minHeight, maxHeight }: YamlCodeProps) {
  const { resolvedTheme } = useTheme();
  const readOnly = !onChange;
  const extensions = useMemo(() => {
    const list: Extension[] = [yaml(), surface, EditorView.contentAttributes.of({ "aria-label": label })];
    if (diagnose) list.push(linter((view) => diagnose(view.state.doc.toString()), { delay: 250 }), lintGutter());
    return list;
  }, [diagnose, label]);

  return (
    <CodeMirror
      value={value}
      onChange={onChange}
      onCreateEditor={onReady}
      readOnly={readOnly}
      editable={!readOnly}
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      basicSetup={{ lineNumbers: true, foldGutter: true, highlightActiveLine: !readOnly, highlightActiveLineGutter: !readOnly, autocompletion: false, searchKeymap: true }}
      extensions={extensions}
      minHeight={minHeight}
      maxHeight={maxHeight}
    />
  );
}
