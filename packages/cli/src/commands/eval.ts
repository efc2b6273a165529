import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FitScorer, ProtocolReport } from '@insitu/core';
import {
  fitEase,
  fitItemKnn,
  fitMarkov,
  fitPopularity,
  InsituError,
  runProtocol,
} from '@insitu/core';
import { loadDatasetDir } from '../data/index.ts';
import type { Command } from '../main.ts';
import { fitInsitu, fitInsituPersonal, tfMultiply } from '@insitu/model/node';

const HELP = `usage: insitu eval --dataset DIR [--json] [--target test|valid] [--max-users N] [--models a,b]

Leave-one-out evaluation of insitu against popularity, Markov-1, item-kNN and EASE
(+ recency; λ chosen on the validation split) on DIR/interactions.csv (+ DIR/items.csv).
Full ranking over all unseen items and against 100 sampled negatives; HR@10, NDCG@10,
MRR@10 with ties at their expected rank, ± the 95% half-width over users.

  --dataset DIR     folder with interactions.csv (user,item,timestamp,event)
  --json            print one JSON object instead of a table
  --target valid    score the validation item instead (for tuning)
  --max-users N     only the first N users (quick runs)
  --models LIST     comma-separated subset of insitu,popularity,markov,itemknn,ease
  --ease-lambdas L  comma-separated λ grid of EASE (default 20,100,500)
  --personal        also insitu+personal: a personal head per shopper trained on replayed
                    impressions (the global top 10 before each step), as the worker trains it
  --seed N          seed of fits and negative sampling (default 42)`;

const baselines = (lambdas: number[] | undefined, log: boolean): Record<string, FitScorer> => ({
  popularity: (data) => fitPopularity(data),
  markov: (data) => fitMarkov(data),
  itemknn: (data) => fitItemKnn(data),
  // The dense solve's multiply-adds run as wasm SIMD matMuls, ~10× scalar JS.
  ease: (data) =>
    fitEase(data, {
      multiply: tfMultiply,
      ...(lambdas ? { lambdas } : {}),
      onLambda: (lambda, seconds, score, recency) => {
        if (log)
          process.stderr.write(
            `    EASE λ ${lambda}: ${seconds.toFixed(1)} s, valid HR+NDCG ${score.toFixed(4)} (recency ${recency})\n`,
          );
      },
    }),
});

const fmt = (x: number) => x.toFixed(4);

function table(name: string, report: ProtocolReport, seconds: number) {
  const lines = [
    `${name}: ${report.users} users, ${report.items} items, ${seconds.toFixed(1)} s`,
    'model            full HR@10 (±95%)    NDCG@10 (±95%)    MRR@10 | sampled HR@10  NDCG@10  MRR@10 | fit s  eval s',
  ];
  for (const [model, m] of Object.entries(report.models)) {
    const t = report.timings[model]!;
    const hw = m.halfWidth95;
    lines.push(
      `${model.padEnd(16)} ${fmt(m.full.hr10).padStart(10)} ±${fmt(hw.hr10)} ` +
        `${fmt(m.full.ndcg10).padStart(8)} ±${fmt(hw.ndcg10)} ` +
        `${fmt(m.full.mrr10).padStart(9)} | ${fmt(m.sampled.hr10).padStart(13)} ` +
        `${fmt(m.sampled.ndcg10).padStart(8)} ${fmt(m.sampled.mrr10).padStart(7)} | ` +
        `${t.fit.toFixed(1).padStart(5)} ${t.eval.toFixed(1).padStart(7)}`,
    );
  }
  for (const [model, reason] of Object.entries(report.skipped)) {
    lines.push(`${model.padEnd(16)} skipped: ${reason}`);
  }
  return lines.join('\n');
}

/** `insitu eval`: runs the leave-one-out protocol for insitu and the baselines side by side. */
export const evaluate: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: {
      dataset: { type: 'string' },
      json: { type: 'boolean', default: false },
      target: { type: 'string', default: 'test' },
      'max-users': { type: 'string' },
      models: { type: 'string', default: 'insitu,popularity,markov,itemknn,ease' },
      'ease-lambdas': { type: 'string' },
      seed: { type: 'string', default: '42' },
      personal: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.dataset === undefined)
    throw new InsituError('invalid_input', `--dataset is required.\n${HELP}`);
  if (values.target !== 'test' && values.target !== 'valid') {
    throw new InsituError('invalid_input', '--target must be test or valid.', { field: 'target' });
  }
  const seed = Number(values.seed);
  const maxUsers = values['max-users'] === undefined ? undefined : Number(values['max-users']);
  if (!Number.isInteger(seed) || (maxUsers !== undefined && !(maxUsers > 0))) {
    throw new InsituError('invalid_input', '--seed and --max-users must be whole numbers.');
  }
  const lambdas = values['ease-lambdas']?.split(',').map(Number);
  if (lambdas !== undefined && !lambdas.every((l) => l > 0)) {
    throw new InsituError('invalid_input', '--ease-lambdas must be positive numbers.');
  }
  const start = Date.now();
  const all: Record<string, FitScorer> = {
    insitu: fitInsitu,
    'insitu+personal': fitInsituPersonal,
    ...baselines(lambdas, !values.json),
  };
  const names = values.models.split(',').map((m) => m.trim());
  if (values.personal && !names.includes('insitu+personal')) {
    names.splice(names.includes('insitu') ? names.indexOf('insitu') + 1 : 0, 0, 'insitu+personal');
  }
  const models: Record<string, FitScorer> = {};
  for (const name of names) {
    const fit = all[name];
    if (fit === undefined) {
      throw new InsituError('invalid_input', `Unknown model "${name}".`, { field: 'models' });
    }
    models[name] = fit;
  }
  const dataset = await loadDatasetDir(values.dataset);
  const report = await runProtocol(dataset, models, {
    target: values.target,
    seed,
    fitSeed: seed,
    ...(maxUsers === undefined ? {} : { maxUsers }),
    onStage: (model, stage) => {
      if (!values.json)
        process.stderr.write(`  ${stage === 'fit' ? 'fitting' : 'scoring'} ${model}…\n`);
    },
  });
  const seconds = (Date.now() - start) / 1000;
  const name = basename(resolve(values.dataset));
  if (values.json) {
    const out: Record<string, unknown> = {
      dataset: name,
      users: report.users,
      items: report.items,
      models: report.models,
      ...(Object.keys(report.skipped).length > 0 ? { skipped: report.skipped } : {}),
      seconds: Math.round(seconds * 100) / 100,
    };
    if (values.target === 'valid') out['target'] = 'valid';
    console.log(JSON.stringify(out));
  } else console.log(table(name, report, seconds));
  return 0;
};
