"""The page's stylesheet and the copy-button script, kept apart from the HTML builders."""

from __future__ import annotations

CSS = """
.rq-status { font-size: 0.85em; color: var(--body-text-color-subdued); }
.rq-filters { margin: 0.25em 0 0.75em; font-size: 0.9em; }
.rq-chip { display: inline-block; margin: 0.15em 0.3em 0.15em 0; padding: 0.1em 0.6em;
  border: 1px solid var(--border-color-primary); border-radius: 999px;
  background: var(--background-fill-secondary); }
.rq-answer { font-size: 1.05em; line-height: 1.55; }
.rq-answer a, .rq-card a, .rq-table a, .rq-actions a { padding: 0; }
.rq-cite { text-decoration: none; font-weight: 600; color: var(--color-accent); margin: 0 0.1em; }
.rq-refusal { padding: 0.75em 1em; border-left: 4px solid #d97706;
  background: var(--background-fill-secondary); border-radius: 4px; }
.rq-notice { padding: 0.6em 1em; border-left: 4px solid #dc2626;
  background: var(--background-fill-secondary); border-radius: 4px; }
.rq-refusal p { margin: 0.4em 0 0; }
.rq-table { width: 100%; border-collapse: collapse; margin: 0.75em 0; font-size: 0.92em; }
.rq-table th, .rq-table td { border: 1px solid var(--border-color-primary); padding: 0.35em 0.5em;
  text-align: left; vertical-align: top; }
.rq-table th { background: var(--background-fill-secondary); }
.rq-notes { font-size: 0.9em; color: var(--body-text-color-subdued); }
.rq-note { font-weight: 600; }
.rq-card { border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 0.6em 0.8em; margin: 0 0 0.75em; scroll-margin-top: 1em; }
.rq-card:target { outline: 2px solid var(--color-accent); }
.rq-n { font-weight: 700; color: var(--color-accent); }
.rq-meta { font-size: 0.85em; color: var(--body-text-color-subdued); margin: 0.2em 0 0.4em; }
.rq-context { margin: 0.4em 0; padding: 0.3em 0.7em; border-left: 3px solid
  var(--border-color-primary); white-space: pre-line; font-size: 0.92em; line-height: 1.5; }
.rq-context mark { background: #fde68a; color: #1f2937; padding: 0 0.1em; }
.rq-passage { white-space: pre-line; font-size: 0.92em; line-height: 1.5; }
.rq-briefing { font-family: var(--font-mono); font-size: 0.8em; margin: 0.3em 0;
  color: var(--body-text-color-subdued); }
.rq-actions { display: flex; gap: 0.8em; align-items: center; font-size: 0.85em; }
.rq-copy { padding: 0.15em 0.7em; border: 1px solid var(--border-color-primary);
  border-radius: 4px; background: var(--background-fill-secondary); cursor: pointer;
  font-size: 0.85rem; font-weight: 400; line-height: 1.4; }
.rq-empty { color: var(--body-text-color-subdued); }
/* Grades tab: heatmap and timeline grids, legend, evidence panels */
.rq-gwrap { overflow-x: auto; }
.rq-grid { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
.rq-grid th, .rq-grid td { border: 1px solid var(--border-color-primary); padding: 0; }
.rq-grid thead th { padding: 0.3em 0.4em; vertical-align: bottom; max-width: 7.5em;
  font-weight: 600; line-height: 1.2; text-align: center; }
.rq-grid tbody th { padding: 0.3em 0.6em; text-align: left; white-space: nowrap; font-weight: 600; }
.rq-g { min-width: 6.5em; text-align: center; vertical-align: middle; }
.rq-g a.rq-gcell { display: block; padding: 0.35em 0.3em; color: inherit; text-decoration: none;
  line-height: 1.2; }
.rq-g a.rq-gcell:hover, .rq-g a.rq-gcell:focus { outline: 2px solid #111827; outline-offset: -2px; }
.rq-g a.rq-gcell.rq-picked { outline: 3px solid #111827; outline-offset: -3px; font-weight: 700; }
.rq-g-empty { background: var(--background-fill-secondary); }
.rq-g-conflict { font-weight: 700; }
.rq-gtext { background: rgba(255, 255, 255, 0.88); color: #111827; padding: 0 0.25em;
  border-radius: 2px; }
.rq-gkey.rq-g-conflict { background: repeating-linear-gradient(135deg, #abd9e9 0 6px,
  #d7191c 6px 12px); color: #111827; }
.rq-glegend { display: flex; flex-wrap: wrap; gap: 0.4em; font-size: 0.8em; margin: 0.3em 0; }
.rq-gkey { padding: 0.1em 0.6em; border: 1px solid var(--border-color-primary);
  border-radius: 3px; }
.rq-facts details { margin: 0.25em 0; }
.rq-facts summary { cursor: pointer; }
.rq-fwhen { font-variant-numeric: tabular-nums; color: var(--body-text-color-subdued); }
.rq-ghint { font-size: 0.85em; color: var(--body-text-color-subdued); margin: 0.2em 0; }
.rq-gdetail { margin-top: 0.6em; }
.rq-gdetail h4 { margin: 0.2em 0 0.5em; }
.rq-gwarn { font-weight: 600; color: #b45309; }
.rq-gbadge { padding: 0.05em 0.5em; border-radius: 3px; font-size: 0.85em; }
.rq-gcard .rq-link { word-break: break-all; }
"""

# Runs once per sources panel: copies a card's briefing citation on click.
COPY_JS = """
if (!element.dataset.rqCopy) {
  element.dataset.rqCopy = "1";
  element.addEventListener("click", async (event) => {
    const button = event.target.closest("button.rq-copy");
    if (!button) return;
    const text = button.dataset.copy || "";
    try {
      await navigator.clipboard.writeText(text);
    } catch (err) {
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = "Copy citation"; }, 1500);
  });
}
"""
