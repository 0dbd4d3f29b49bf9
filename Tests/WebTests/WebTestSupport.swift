import Foundation
import Hummingbird
import HummingbirdTesting
import Liaison
import Web

/// Builds the web record over a repository with the tests' fixed clock.
enum WebTestSupport {
  static let now = Date(timeIntervalSince1970: 1_795_435_200)  // 2026-11-23T12:00:00Z
  static let options = WebOptions(publicURL: "https://liaisons.example.org/", pageSize: 3)

  static func app(
    _ repository: some StatementRepository = WebFixtures.repository, options: WebOptions = options
  ) throws -> some ApplicationProtocol {
    let router = try buildRouter(repository: repository, options: options, now: { now })
    return Application(router: router)
  }

  static func text(_ response: TestResponse) -> String {
    String(buffer: response.body)
  }
}
