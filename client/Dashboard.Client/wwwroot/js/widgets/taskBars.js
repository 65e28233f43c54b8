// @ts-check
// Tables of tasks with their awake / waiting / asleep bar: the per-kind breakdown (loop page
// and live run page) and the sampled tasks of a run, each linking to its story. Rows are built
// as the server's Razor components render them (LoopOverview.razor, TaskSampleRow.razor).
import { adaptive, count } from '../format.js';
import { element, emptyRow, quantity, shareBar } from '../dom.js';

/** @typedef {import('../contracts/runs.js').TaskKindBreakdown} TaskKindBreakdown */
/** @typedef {import('../contracts/runs.js').TaskSample} TaskSample */

/**
 * One row per kind: count, mean and p99 of each state, and the share bar.
 * @param {TaskKindBreakdown[]} kinds already sorted and limited
 * @returns {HTMLElement[]}
 */
export function kindRows(kinds) {
    return kinds.map(k => {
        const name = element('th', 'kind-name', [k.kind]);
        name.setAttribute('scope', 'row');
        const row = element('tr', '', [
            name,
            element('td', 'num', [quantity(count(k.count), 'tasks')]),
            element('td', 'num', [quantity(adaptive(k.awake.meanMs), 'ms')]),
            element('td', 'num', [quantity(adaptive(k.awake.p99Ms), 'ms')]),
            element('td', 'num', [quantity(adaptive(k.waiting.meanMs), 'ms')]),
            element('td', 'num', [quantity(adaptive(k.waiting.p99Ms), 'ms')]),
            element('td', 'num', [quantity(adaptive(k.asleep.meanMs), 'ms')]),
            element('td', 'num', [quantity(adaptive(k.asleep.p99Ms), 'ms')]),
            element('td', 'share-col', [shareBar(k.awake.sumMs, k.waiting.sumMs, k.asleep.sumMs)]),
        ]);
        row.dataset.kind = k.kind;
        return row;
    });
}

/**
 * Replaces a kinds table's body.
 * @param {Element | null} body
 * @param {TaskKindBreakdown[]} kinds already sorted and limited
 * @param {string} emptyText
 */
export function renderKinds(body, kinds, emptyText) {
    if (body) {
        const rows = kindRows(kinds);
        body.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(9, emptyText)]));
    }
}

/**
 * The address of a task's story page, relative to the document's base (as Links.Task on the server).
 * @param {string} runId
 * @param {number} taskId
 * @returns {string}
 */
export function taskHref(runId, taskId) {
    return `runs/${encodeURIComponent(runId)}/tasks/${taskId}`;
}

/**
 * One sampled task: its name linking to its story, kind, lifetime, waiting and the share bar.
 * @param {string} runId
 * @param {TaskSample} sample
 * @returns {HTMLElement}
 */
export function sampleRow(runId, sample) {
    const link = element('a', 'task-link', [sample.name]);
    link.setAttribute('href', taskHref(runId, sample.id));
    const name = element('th', 'task-cell', [link, ' ', element('span', 'muted', [`#${sample.id}`]), element('div', 'task-kind', [sample.kind])]);
    name.setAttribute('scope', 'row');
    const row = element('tr', '', [
        name,
        element('td', 'num', [quantity(adaptive(sample.lifetimeMs), 'ms')]),
        element('td', 'num', [quantity(adaptive(sample.waitingMs), 'ms')]),
        element('td', 'share-col', [shareBar(sample.awakeMs, sample.waitingMs, sample.asleepMs)]),
    ]);
    row.dataset.taskId = String(sample.id);
    return row;
}

/**
 * Replaces a sample table's body.
 * @param {Element | null} body
 * @param {string} runId
 * @param {TaskSample[]} samples already limited
 * @param {string} emptyText
 */
export function renderSamples(body, runId, samples, emptyText) {
    if (body) {
        const rows = samples.map(s => sampleRow(runId, s));
        body.replaceChildren(...(rows.length > 0 ? rows : [emptyRow(4, emptyText)]));
    }
}
