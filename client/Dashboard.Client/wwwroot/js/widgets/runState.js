// @ts-check
// What the live run page knows about its run, fed by the hub: the newest snapshot, the run's
// info, the running request total, the sampled tasks to list and the snapshots this page
// missed. Pure data, no DOM: every collection in it is bounded.

/** @typedef {import('../contracts/runs.js').RunSnapshot} RunSnapshot */
/** @typedef {import('../contracts/runs.js').RunInfo} RunInfo */
/** @typedef {import('../contracts/runs.js').TaskSample} TaskSample */

/**
 * @typedef {object} RunStateOptions
 * @property {RunInfo | null} info the run as the server rendered it
 * @property {number} requests the run's request total when the page was rendered
 * @property {number} sequence the newest snapshot sequence the server rendered (-1 for none)
 * @property {number} maxSamples rows per sample table
 */

export class RunState {
    /** @type {RunSnapshot | null} */
    latest = null;
    /** @type {RunInfo | null} */
    info;
    /** Snapshots the server could not deliver to this page (its queue is bounded). */
    dropped = 0;
    /** @type {TaskSample[]} the slowest tasks of the newest interval that had any, slowest first */
    slowest = [];
    /** @type {TaskSample[]} random tasks of recent intervals, newest first */
    recent = [];
    /** @type {import('../contracts/runs.js').SweepReport | null} the newest sweep report (each holds every step so far) */
    sweep = null;

    #maxSamples;
    #lastSequence;
    #requests;

    /** @param {RunStateOptions} options */
    constructor(options) {
        if (!Number.isInteger(options.maxSamples) || options.maxSamples < 1) {
            throw new RangeError(`maxSamples must be a positive integer, got ${options.maxSamples}`);
        }
        this.info = options.info;
        this.#maxSamples = options.maxSamples;
        this.#lastSequence = options.sequence;
        this.#requests = options.requests;
    }

    /** Requests sent so far (after the warm-up): the server's total plus those of every newer measured snapshot. */
    get requests() {
        return this.#requests;
    }

    /** Sequence of the newest snapshot taken in (-1 before any). */
    get lastSequence() {
        return this.#lastSequence;
    }

    get running() {
        return (this.info?.status ?? 'Running') === 'Running';
    }

    /**
     * Takes in a snapshot; answers false for one already seen (the history sent again after a
     * reconnect overlaps what the page had).
     * @param {RunSnapshot} snapshot
     * @returns {boolean}
     */
    applySnapshot(snapshot) {
        const isNew = snapshot.sequence > this.#lastSequence;
        if (isNew) {
            this.#lastSequence = snapshot.sequence;
            // The warm-up's requests count in no figure of the run.
            if (!snapshot.warmUp) {
                this.#requests += snapshot.load?.requests ?? 0;
            }
        }
        if (!this.latest || snapshot.sequence >= this.latest.sequence) {
            this.latest = snapshot;
            if (snapshot.sweep) {
                this.sweep = snapshot.sweep;
            }
        }
        if (isNew) {
            this.#takeSamples(snapshot.samples ?? []);
        }
        return isNew;
    }

    /**
     * Takes in the run's recent history (oldest first). The sample lists are rebuilt from it
     * whole, as the server rendered them: the history repeats the snapshots the page was rendered
     * with, and an ended or stored run sends nothing after it, so taking samples from unseen
     * snapshots only would empty the tables of every task link the page had.
     * @param {RunSnapshot[]} snapshots
     */
    applyHistory(snapshots) {
        if (snapshots.length > 0) {
            this.slowest = [];
            this.recent = [];
        }
        for (const snapshot of snapshots) {
            if (!this.applySnapshot(snapshot)) {
                this.#takeSamples(snapshot.samples ?? []);
            }
        }
    }

    /**
     * The run's info changed (it started, ended, or the page subscribed): its request total is
     * the server's own count up to now.
     * @param {RunInfo} info
     */
    applyRunChanged(info) {
        this.info = info;
        // The run's own report is the final word once it has ended.
        if (info.sweep && info.status !== 'Running') {
            this.sweep = info.sweep;
        }
        if (typeof info.key?.requests === 'number' && info.key.requests >= this.#requests) {
            this.#requests = info.key.requests;
        }
    }

    /** @param {number} count */
    addDropped(count) {
        if (Number.isFinite(count) && count > 0) {
            this.dropped += count;
        }
    }

    /** @param {TaskSample[]} samples */
    #takeSamples(samples) {
        const slowest = samples.filter(s => s.reason === 'slowest');
        if (slowest.length > 0) {
            this.slowest = slowest.sort((a, b) => b.lifetimeMs - a.lifetimeMs).slice(0, this.#maxSamples);
        }
        const random = samples.filter(s => s.reason !== 'slowest');
        if (random.length > 0) {
            this.recent = [...random, ...this.recent].slice(0, this.#maxSamples);
        }
    }
}
