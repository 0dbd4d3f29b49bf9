import Hummingbird

/// What an `/api/...` error says: `{"error": "...", "status": 404}`. A client reading
/// JSON gets JSON back, also when the answer is "no".
struct APIErrorBody: Encodable, Equatable {
  var error: String
  var status: Int

  init(status: HTTPResponse.Status, message: String) {
    self.error = message
    self.status = status.code
  }

  /// `/api` and everything under it; the pages keep their HTML error pages.
  static func isAPI(_ path: String) -> Bool {
    path == "/api" || path.hasPrefix("/api/")
  }
}
