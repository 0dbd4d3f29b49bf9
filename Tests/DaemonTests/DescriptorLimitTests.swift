import Testing
import Web

@testable import Daemon

/// The web listener never gets descriptors the poller and the outbox need: under a low
/// limit its connection cap is lowered until listener, monitor and reserve fit.
@Suite("The web listener's share of the descriptor limit")
struct DescriptorLimitTests {
  let monitor = LiaisonDaemon.observabilityLimits

  @Test("a limit with room keeps the configured cap", arguments: [1_024, 8_192, 1 << 20])
  func roomyLimitKeepsTheCap(limit: Int) {
    let web = WebLimits(maxConnections: 256)
    #expect(DescriptorLimit.fitted(web: web, monitor: monitor, limit: limit) == web)
  }

  @Test("a low limit lowers the cap so that everything fits", arguments: [300, 512, 700, 1_000])
  func lowLimitLowersTheCap(limit: Int) {
    let web = WebLimits(maxConnections: 4_096, idleTimeout: .seconds(7))
    let fitted = DescriptorLimit.fitted(web: web, monitor: monitor, limit: limit)
    #expect(fitted.maxConnections < web.maxConnections)
    #expect(
      fitted.maximumDescriptors + monitor.maximumDescriptors + DescriptorLimit.reserve <= limit)
    // The largest cap that fits: one more connection would not.
    #expect(
      fitted.maximumDescriptors + 2 + monitor.maximumDescriptors + DescriptorLimit.reserve > limit)
    // Only the cap changes.
    #expect(fitted.idleTimeout == web.idleTimeout)
    #expect(fitted.maxRequestBytes == web.maxRequestBytes)
  }

  @Test("the 512 descriptors that once let IMAP starve leave the reserve whole")
  func theLimitThatStarvedIMAP() {
    let fitted = DescriptorLimit.fitted(web: WebLimits(), monitor: monitor, limit: 512)
    #expect(fitted.maxConnections == 111)
    #expect(512 - fitted.maximumDescriptors - monitor.maximumDescriptors == DescriptorLimit.reserve)
  }

  @Test("a limit below the reserve still serves one connection")
  func starvedLimitServesOne() {
    let fitted = DescriptorLimit.fitted(web: WebLimits(), monitor: monitor, limit: 64)
    #expect(fitted.maxConnections == 1)
  }
}
