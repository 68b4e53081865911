// The instrumentation behind the lessons' event-loop steppers (see README "Writing lessons" and record.ts).
// Preloaded with `node --require tracer.cjs sample.mjs` (works for ESM and CommonJS samples alike), it writes one
// JSON line per event to the file named by TRACE_OUT:
//   schedule  a callback was put in a queue (nextTick, microtask, timers, check, poll), with where that happened
//   start/end a recorded callback began / returned
//   cancel    clearTimeout / clearImmediate took a callback out of its queue
//   log       console.log printed a line
//   cap       the event budget ran out: from here on only log lines are written
// Every wrapper calls the original function at the same moment with the same arguments, so nothing runs in a
// different order; the tests compare each sample's output with and without this file to prove it.
// Only what the sample's own file does is recorded: a call whose nearest JavaScript caller is Node's code (a
// stream's internal nextTick, the ESM loader's promises) is passed through untouched.
'use strict';
const fs = require('node:fs');
const util = require('node:util');
const { promiseHooks } = require('node:v8');
const { pathToFileURL } = require('node:url');
const { resolve } = require('node:path');

const OUT = process.env.TRACE_OUT;
if (OUT && process.argv[1]) install(resolve(process.argv[1]), Number(process.env.TRACE_MAX_EVENTS) || 400);

function install(samplePath, maxEvents) {
  const sampleUrl = pathToFileURL(samplePath).href;
  const fd = fs.openSync(OUT, 'w');
  const origLog = console.log;
  let events = 0;
  let capped = false;
  let busy = false; // true while the tracer itself runs, so its own calls are never recorded
  let nextId = 1;

  // Synchronous writes: the trace survives process.exit and exit handlers, and no I/O is queued on the loop.
  const emit = (event) => {
    if (capped && event.t !== 'log') return;
    if (!capped && ++events > maxEvents) {
      capped = true;
      fs.writeSync(fd, JSON.stringify({ t: 'cap', after: maxEvents }) + '\n');
      if (event.t !== 'log') return;
    }
    fs.writeSync(fd, JSON.stringify(event) + '\n');
  };

  /** The sample's frames on the current stack, innermost first, as [function name, line]; null when the nearest
   * JavaScript frame outside this file is not the sample's (Node's own code called us). `native` is the name
   * of a built-in frame right above the sample's (`Promise.then`), which says how a promise job was made. */
  const FRAME = /^\s*at (?:(.*?) \()?(.*?):(\d+):\d+\)?$/;
  function sampleFrames() {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const stack = new Error().stack;
    Error.stackTraceLimit = limit;
    const frames = [];
    let native;
    let first = true;
    for (const line of stack.split('\n').slice(1)) {
      if (line.includes(__filename)) continue;
      if (/\(<anonymous>\)$|\(native\)$/.test(line)) {
        if (first) native = line.trim().replace(/^at /, '').replace(/ \(.*$/, '');
        continue;
      }
      const m = line.match(FRAME);
      if (!m) continue;
      const inSample = m[2] === samplePath || m[2] === sampleUrl;
      if (first && !inSample) return null;
      first = false;
      if (inSample) frames.push([cleanName(m[1]), Number(m[3])]);
    }
    return frames.length ? { frames, native } : null;
  }
  const cleanName = (name) => {
    const bare = (name || '').replace(/^(async )?(Timeout|Immediate|Object)\./, '$1');
    return !bare || bare.includes('<anonymous>') || /^file:/.test(bare) ? '' : bare;
  };

  /** Wraps a callback so that its start and end are recorded; the original runs with the same this/arguments. */
  const wrapCallback = (id, fn) =>
    function traced(...args) {
      emit({ t: 'start', id });
      try {
        return fn.apply(this, args);
      } finally {
        emit({ t: 'end', id });
      }
    };

  /** Wraps a scheduling function whose first argument is the callback (setTimeout, process.nextTick, ...). */
  function wrapScheduler(owner, name, queue, callbackIndex = 0) {
    const original = owner[name];
    const ids = new WeakMap();
    const wrapped = {
      [name](...args) {
        const fn = args[callbackIndex];
        if (busy || typeof fn !== 'function') return original.apply(this, args);
        busy = true;
        const where = sampleFrames();
        let id;
        if (where) {
          id = nextId++;
          args[callbackIndex] = wrapCallback(id, fn);
          emit({ t: 'schedule', id, q: queue, via: name, frames: where.frames, delay: queue === 'timers' ? (args[1] ?? 0) : undefined });
        }
        busy = false;
        const handle = original.apply(this, args);
        if (id !== undefined && handle && typeof handle === 'object') ids.set(handle, id);
        return handle;
      },
    }[name];
    for (const key of Reflect.ownKeys(original)) if (!(key in wrapped)) wrapped[key] = original[key];
    owner[name] = wrapped;
    return ids;
  }

  function wrapCancel(owner, name, ids) {
    const original = owner[name];
    owner[name] = {
      [name](handle, ...rest) {
        const id = handle && typeof handle === 'object' ? ids.get(handle) : undefined;
        if (id !== undefined && !busy) emit({ t: 'cancel', id });
        return original.call(this, handle, ...rest);
      },
    }[name];
  }

  wrapCancel(globalThis, 'clearTimeout', wrapScheduler(globalThis, 'setTimeout', 'timers'));
  wrapCancel(globalThis, 'clearImmediate', wrapScheduler(globalThis, 'setImmediate', 'check'));
  wrapScheduler(globalThis, 'queueMicrotask', 'microtask');
  wrapScheduler(process, 'nextTick', 'nextTick');
  // fs callbacks run in the poll phase; the callback is the last argument, so those wrappers find it there.
  for (const name of ['readdir', 'readFile', 'stat']) wrapFsCallback(name);
  require('node:module').syncBuiltinESMExports();

  function wrapFsCallback(name) {
    const original = fs[name];
    fs[name] = {
      [name](...args) {
        const last = args.length - 1;
        if (busy || typeof args[last] !== 'function') return original.apply(this, args);
        busy = true;
        const where = sampleFrames();
        if (where) {
          const id = nextId++;
          args[last] = wrapCallback(id, args[last]);
          emit({ t: 'schedule', id, q: 'poll', via: `fs.${name}`, frames: where.frames });
        }
        busy = false;
        return original.apply(this, args);
      },
    }[name];
  }

  console.log = function log(...args) {
    if (!busy) {
      busy = true;
      const where = sampleFrames();
      emit({ t: 'log', text: util.format(...args), frames: where ? where.frames : [] });
      busy = false;
    }
    return origLog.apply(this, args);
  };

  // Promise jobs. V8 reports each promise made by then/catch/finally or by an await (init, with the promise it
  // waits on as parent), each settling, and the job that runs a reaction (before/after, on the derived promise).
  // A reaction is queued when its parent settles, or at once when the parent has already settled. Some derived
  // promises never get a job (a promise an async function returns, for example): the step builder drops a
  // scheduled job that never starts.
  const jobs = new WeakMap(); // derived promise -> id
  const settledPromises = new WeakSet();
  const waiting = new WeakMap(); // parent -> [{ id, event }] not yet queued
  promiseHooks.createHook({
    init(promise, parent) {
      if (busy || capped || !parent) return;
      busy = true;
      const where = sampleFrames();
      if (where) {
        const id = nextId++;
        jobs.set(promise, id);
        const via = where.native ? where.native.replace(/^Promise\.prototype\./, 'Promise.') : 'await';
        const event = { t: 'schedule', id, q: 'microtask', via, frames: where.frames };
        if (settledPromises.has(parent)) emit(event);
        else waiting.set(parent, [...(waiting.get(parent) ?? []), event]);
      }
      busy = false;
    },
    settled(promise) {
      if (busy || capped) return;
      settledPromises.add(promise);
      const queued = waiting.get(promise);
      if (queued) {
        waiting.delete(promise);
        for (const event of queued) emit(event);
      }
    },
    before(promise) {
      const id = jobs.get(promise);
      if (id !== undefined && !busy) emit({ t: 'start', id });
    },
    after(promise) {
      const id = jobs.get(promise);
      if (id !== undefined && !busy) emit({ t: 'end', id });
    },
  });
}
