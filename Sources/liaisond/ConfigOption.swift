import ArgumentParser

/// `--config PATH`, shared by every command that reads the configuration.
struct ConfigOption: ParsableArguments {
  @Option(
    name: .long,
    help: "Configuration file (default: $LIAISOND_CONFIG, else /etc/liaisond/liaisond.yaml).")
  var config: String?
}
