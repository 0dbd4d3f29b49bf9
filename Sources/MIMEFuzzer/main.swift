// Placeholder until the fuzzer lands.
