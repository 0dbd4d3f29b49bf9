import Routing

/// What a SIGHUP reload replaces: the configuration and everything derived from it.
/// Each cycle of each service reads the current one, so a reload takes effect at the
/// next cycle and never in the middle of a message.
actor DaemonState {
  private(set) var configuration: LiaisondConfiguration
  private(set) var registry: GroupRegistry
  private(set) var pipeline: IngestPipeline
  /// 1 at start, +1 per successful reload.
  private(set) var generation = 1

  init(configuration: LiaisondConfiguration, registry: GroupRegistry, pipeline: IngestPipeline) {
    self.configuration = configuration
    self.registry = registry
    self.pipeline = pipeline
  }

  func replace(
    configuration: LiaisondConfiguration, registry: GroupRegistry, pipeline: IngestPipeline
  ) {
    self.configuration = configuration
    self.registry = registry
    self.pipeline = pipeline
    generation += 1
  }
}
