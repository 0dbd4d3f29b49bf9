import Foundation
import Hummingbird
import Liaison

/// `/api/statements` and `/api/statements/{id}`: the JSON of `liaisond export --json`, the
/// public record only (a private id is a 404 like an unknown one).
/// `/api/statements` with parameters (`APIQuery`) is a search, newest first, with the
/// number of matches in `X-Total-Count`.
struct APIController<Repository: StatementRepository>: Sendable {
  let repository: Repository
  let today: @Sendable () -> String

  static var totalCountHeader: HTTPFields.Element.Name { HTTPFields.Element.Name("X-Total-Count")! }

  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.readOnly("/api/statements") { request, _ in
      try await search(APIQuery(request.uri.query, today: today()))
    }
    router.readOnly("/api/statements/:id") { request, context in
      try APIQuery.refuseAny(request.uri.query)
      let id = try RecordParameters.decoded("id", in: context)
      guard let record = try await repository.publicStatement(id: id) else {
        throw HTTPError(.notFound, message: "No statement has the id \(id).")
      }
      return try JSONResponse.make(record)
    }
  }

  func search(_ parameters: APIQuery) async throws -> Response {
    guard var query = parameters.query else {
      return try JSONResponse.make(try await repository.publicExport())
    }
    var items: [StatementRecord] = []
    var total = 0
    while true {
      let page = try await repository.publicStatements(matching: query)
      total = page.total
      items += page.items
      query.offset += page.items.count
      // One page when the client set a limit; every match otherwise.
      if parameters.limit != nil || page.items.isEmpty || query.offset >= total { break }
    }
    return try JSONResponse.make(items, headers: [Self.totalCountHeader: String(total)])
  }
}
