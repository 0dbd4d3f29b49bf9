import Testing

@testable import Web

/// What web clients may hold of a listener is bounded (issue 16); the 503 and 413 answers
/// are tested on a live listener in DaemonTests' `WebSaturationTests`.
@Suite struct WebLimitsTests {
  @Test("the listener's descriptors are bounded by the cap: served, refused, and the socket")
  func descriptorBound() {
    #expect(WebLimits(maxConnections: 256).maximumDescriptors == 513)
    #expect(WebLimits(maxConnections: 0).maxConnections == 1)
  }
}
