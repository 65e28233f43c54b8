// @ts-check
// The live hub (/hubs/runs) for one run: connects with the SignalR browser client
// (globalThis.signalR, loaded by a classic script tag), subscribes, subscribes again after
// every reconnect, and starts over (after a pause) when the automatic reconnects give up.

/** @typedef {import('../contracts/runs.js').RunSnapshot} RunSnapshot */
/** @typedef {import('../contracts/runs.js').RunInfo} RunInfo */

/** Pause before connecting again once SignalR's own reconnect attempts are exhausted. */
const RESTART_MS = 5000;

/**
 * @typedef {'connecting' | 'live' | 'reconnecting' | 'offline'} HubState
 */

/**
 * @typedef {object} RunsHubHandlers
 * @property {(runId: string, snapshots: RunSnapshot[]) => void} history
 * @property {(snapshot: RunSnapshot) => void} snapshot
 * @property {(run: RunInfo) => void} runChanged
 * @property {(runId: string, count: number) => void} dropped
 * @property {(state: HubState, detail?: string) => void} state
 */

export class RunsHubClient {
    #runId;
    #handlers;
    /** @type {any} */
    #connection;
    #disposed = false;
    /** @type {number | undefined} */
    #restartTimer;

    /**
     * @param {string} runId
     * @param {RunsHubHandlers} handlers
     * @param {any} signalR the SignalR browser client (globalThis.signalR)
     * @param {string} [url]
     */
    constructor(runId, handlers, signalR, url = '/hubs/runs') {
        if (!signalR?.HubConnectionBuilder) {
            throw new Error('the SignalR client is not loaded (lib/signalr/signalr.min.js)');
        }
        this.#runId = runId;
        this.#handlers = handlers;
        this.#connection = new signalR.HubConnectionBuilder()
            .withUrl(url)
            .withAutomaticReconnect()
            .configureLogging(signalR.LogLevel.Warning)
            .build();
        const c = this.#connection;
        c.on('History', handlers.history);
        c.on('Snapshot', handlers.snapshot);
        c.on('RunChanged', handlers.runChanged);
        c.on('Dropped', handlers.dropped);
        c.onreconnecting(() => handlers.state('reconnecting'));
        c.onreconnected(() => this.#subscribe());
        c.onclose(() => {
            if (!this.#disposed) {
                handlers.state('offline', `connection lost · retrying in ${RESTART_MS / 1000} s`);
                this.#scheduleRestart();
            }
        });
    }

    /** Connects and subscribes; failures are reported through the state handler and retried. */
    async start() {
        if (this.#disposed) {
            return;
        }
        this.#handlers.state('connecting');
        try {
            await this.#connection.start();
        } catch (error) {
            this.#handlers.state('offline', `cannot reach the server · retrying in ${RESTART_MS / 1000} s`);
            console.warn('live hub: connect failed', error);
            this.#scheduleRestart();
            return;
        }
        await this.#subscribe();
    }

    /** @returns {Promise<RunInfo>} */
    stopRun() {
        return this.#connection.invoke('Stop', this.#runId);
    }

    /**
     * @param {{ rate?: number, users?: number }} change
     * @returns {Promise<RunInfo>}
     */
    change(change) {
        return this.#connection.invoke('Change', this.#runId, change);
    }

    async dispose() {
        this.#disposed = true;
        window.clearTimeout(this.#restartTimer);
        await this.#connection.stop();
    }

    async #subscribe() {
        try {
            // History and the current RunChanged arrive before this call returns.
            await this.#connection.invoke('Subscribe', this.#runId);
            this.#handlers.state('live');
        } catch (error) {
            this.#handlers.state('offline', hubMessage(error));
        }
    }

    #scheduleRestart() {
        window.clearTimeout(this.#restartTimer);
        this.#restartTimer = window.setTimeout(() => this.start(), RESTART_MS);
    }
}

/**
 * The server's own words from a failed hub call: SignalR prefixes a HubException's message
 * with "An unexpected error occurred invoking 'X' on the server. HubException: ".
 * @param {unknown} error
 * @returns {string}
 */
export function hubMessage(error) {
    const text = error instanceof Error ? error.message : String(error);
    const marker = 'HubException: ';
    const at = text.indexOf(marker);
    return at >= 0 ? text.substring(at + marker.length) : text;
}
