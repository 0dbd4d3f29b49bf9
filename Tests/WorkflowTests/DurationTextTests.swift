import Testing
import Workflow

@Suite("Durations in log lines")
struct DurationTextTests {
  @Test(
    "rounded, with units",
    arguments: [
      (Duration.seconds(0.7972717926402411), "797ms"), (.milliseconds(5), "5ms"),
      (.seconds(1.25), "1.3s"), (.seconds(2), "2s"), (.seconds(9.96), "10s"),
      (.seconds(44.6), "45s"), (.seconds(150), "2m30s"), (.seconds(3_600), "1h"),
      (.seconds(3_930), "1h6m"), (.seconds(86_400 * 5), "5d"), (.seconds(86_400 + 7_200), "1d2h"),
    ])
  func formats(duration: Duration, text: String) {
    #expect(DurationText.format(duration) == text)
  }
}
