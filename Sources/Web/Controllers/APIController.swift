import Foundation
import Hummingbird
import Liaison

/// `/api/statements` and `/api/statements/{id}`: the JSON of `liaisond export --json`.
struct APIController<Repository: StatementRepository>: Sendable {
  let repository: Repository

  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.get("/api/statements") { _, _ in
      try Self.json(try await repository.export())
    }
    router.get("/api/statements/:id") { _, context in
      let id = try RecordParameters.decoded("id", in: context)
      guard let record = try await repository.statement(id: id) else {
        throw HTTPError(.notFound, message: "No statement has the id \(id).")
      }
      return try Self.json(record)
    }
  }

  static func json(_ value: some Encodable) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    return Response(
      status: .ok,
      headers: [.contentType: "application/json", .contentLength: String(data.count)],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}
