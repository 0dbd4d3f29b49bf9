extension LiaisondConfiguration {
  /// Why a command must not write a store here, or nil when it may: with no configuration
  /// file and no store named, the store would be the built-in `/var/lib/liaisond`, and a
  /// command run by mistake (or to try liaisond out) must not create a system directory.
  public var unconfiguredStoreProblem: String? {
    guard sourcePath == nil, store.origin == .builtInDefault else { return nil }
    return "no configuration file (\(ConfigurationLoader.defaultPath) does not exist) and no "
      + "store given, so liaisond will not create \(store.path) on its own: pass --store DIR "
      + "(or set LIAISOND_STORE), or --config FILE (or set LIAISOND_CONFIG; "
      + "\(ConfigurationLoader.examplePath) is an example with every key)"
  }
}
