#!/usr/bin/env node
// Checks the module's Resource Graph queries (src/AzBackupTroubleshoot.Core/Arm/Queries/*.kql) with Microsoft's own KQL
// parser and semantic analyzer, Kusto.Language (npm @kusto/language-service-next), against the tables' documented
// columns (schema.json). A query passes when the analyzer reports no error-severity diagnostic (syntax or semantic:
// unknown table, unknown column, wrong argument types, ...). The files under broken/ are deliberately broken queries:
// each passes only when the analyzer does report an error, which proves the check can fail.
//
// Usage: node check-kql.js [--summary <file.json>] [--files <a.kql> ...] [--expect-errors <b.kql> ...]
// Without --files/--expect-errors: the module's queries, and broken/*.kql as expected failures.
// Prints one line per query and "<passed> passed, <failed> failed"; exit code 1 when any failed.
'use strict';
const fs = require('fs');
const path = require('path');

require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
/* global Kusto */
const K = Kusto.Language;

function globals() {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'schema.json'), 'utf8'));
  // Columns are built one by one (the schema-string parser of TableSymbol stops at names that are also keywords, like 'kind').
  const columns = () => schema.columns.map(([name, type]) =>
    new K.Symbols.ColumnSymbol(name, type === 'dynamic' ? K.Symbols.ScalarTypes.Dynamic : K.Symbols.ScalarTypes.String, null, null, null, null));
  const tables = schema.tables.map(t => new K.Symbols.TableSymbol.$ctor4(t, columns()));
  const db = new K.Symbols.DatabaseSymbol.$ctor2(schema.database, null, tables);
  return K.GlobalState.Default.WithDatabase(db);
}

function errorsOf(text, state) {
  const code = K.KustoCode.ParseAndAnalyze(text, state);
  const diagnostics = code.GetDiagnostics();
  const found = [];
  const count = diagnostics.Count !== undefined ? diagnostics.Count : diagnostics.length;
  for (let i = 0; i < count; i++) {
    const d = diagnostics.getItem ? diagnostics.getItem(i) : diagnostics[i];
    if (d.Severity === 'Error') {
      const line = text.substring(0, d.Start).split('\n').length;
      found.push(`line ${line}: ${d.Code} ${d.Message}`);
    }
  }
  return found;
}

function main(argv) {
  let summaryFile = null;
  const files = [];
  const expectErrors = [];
  let list = files;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--summary') { summaryFile = argv[++i]; continue; }
    if (argv[i] === '--files') { list = files; continue; }
    if (argv[i] === '--expect-errors') { list = expectErrors; continue; }
    list.push(path.resolve(argv[i]));
  }

  if (files.length === 0 && expectErrors.length === 0) {
    const queries = path.join(__dirname, '..', '..', 'src', 'AzBackupTroubleshoot.Core', 'Arm', 'Queries');
    for (const f of fs.readdirSync(queries).filter(f => f.endsWith('.kql')).sort()) files.push(path.join(queries, f));
    const broken = path.join(__dirname, 'broken');
    for (const f of fs.readdirSync(broken).filter(f => f.endsWith('.kql')).sort()) expectErrors.push(path.join(broken, f));
    if (files.length === 0) throw new Error(`No .kql file in ${queries}.`);
  }

  const state = globals();
  let passed = 0;
  let failed = 0;
  const results = [];
  for (const [file, expectError] of files.map(f => [f, false]).concat(expectErrors.map(f => [f, true]))) {
    const errors = errorsOf(fs.readFileSync(file, 'utf8'), state);
    const ok = expectError ? errors.length > 0 : errors.length === 0;
    if (ok) passed++; else failed++;
    const name = path.relative(path.join(__dirname, '..', '..'), file);
    const verdict = ok ? 'PASS' : 'FAIL';
    const what = expectError ? `(deliberately broken: ${errors.length} error(s) expected >= 1)` : `(${errors.length} error(s))`;
    console.log(`[${verdict}] ${name} ${what}`);
    for (const e of errors) console.log(`       ${e}`);
    results.push({ file: name, expectError, passed: ok, errors });
  }

  console.log(`KQL check: ${passed} passed, ${failed} failed`);
  if (summaryFile) fs.writeFileSync(summaryFile, JSON.stringify({ passed, failed, results }, null, 2));
  return failed === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
