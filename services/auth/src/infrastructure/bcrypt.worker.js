'use strict';
/*
 * The bcrypt work of the auth service, run by the hasher's pool on worker threads so that a
 * hash (about 70 ms at cost 10) never holds the event loop. Plain JavaScript, checked by tsc
 * (checkJs, strict): the same file loads from the sources under ts-jest and from dist after
 * the build (allowJs copies it), with no loader. The thread does nothing else, so the
 * synchronous bcryptjs calls are the fast ones. Every answer names the thread that computed it.
 */
const { threadId } = require('node:worker_threads');
const bcrypt = require('bcryptjs');

/**
 * @param {{ secret: string, cost: number }} task
 * @returns {{ value: string, threadId: number }}
 */
function hash(task) {
  return { value: bcrypt.hashSync(task.secret, task.cost), threadId };
}

/**
 * @param {{ secret: string, hashed: string }} task
 * @returns {{ value: boolean, threadId: number }}
 */
function compare(task) {
  return { value: bcrypt.compareSync(task.secret, task.hashed), threadId };
}

module.exports = { hash, compare };
