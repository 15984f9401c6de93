/*
 * The Backstage JSDOM test environment in the time zone Europe/Berlin, for tests that
 * assert local times exactly (a form says times in the browser's zone). The zone is set
 * on the worker process, which Node applies at once, and restored after the test file so
 * other files in the same worker keep the machine's zone.
 */
const base = require('@backstage/cli/config/jest-environment-jsdom');

const JsdomEnvironment = base.default ?? base;

module.exports = class BerlinTimeEnvironment extends JsdomEnvironment {
  async setup() {
    this.machineTimeZone = process.env.TZ;
    process.env.TZ = 'Europe/Berlin';
    await super.setup();
  }

  async teardown() {
    if (this.machineTimeZone === undefined) delete process.env.TZ;
    else process.env.TZ = this.machineTimeZone;
    await super.teardown();
  }
};
