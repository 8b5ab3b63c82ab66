// Preloaded into a server under test (node --expose-gc --import ./gc-signal.mjs) by the idle scenario:
// SIGUSR2 runs a full garbage collection, so memory is read without the garbage left by connecting.
process.on('SIGUSR2', () => globalThis.gc?.());
