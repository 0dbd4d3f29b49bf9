import Foundation
import Hummingbird
import Liaison

/// `/api/statements` and `/api/statements/{id}`: the JSON of `liaisond export --json`, the
/// public record only (a private id is a 404 like an unknown one).
/// `/api/statements` is a search (`APIQuery`), newest first, one page at a time (100 unless
/// `limit` says otherwise), with the number of matches in `X-Total-Count` and the next
/// page in `Link: <...>; rel="next"`: no request makes the server hold the whole record.
struct APIController<Repository: StatementRepository>: Sendable {
  let repository: Repository
  let today: @Sendable () -> String

  static var totalCountHeader: HTTPFields.Element.Name { HTTPFields.Element.Name("X-Total-Count")! }
  static var linkHeader: HTTPFields.Element.Name { HTTPFields.Element.Name("Link")! }

  func addRoutes<Context: RequestContext>(to router: Router<Context>) {
    router.readOnly("/api/statements") { request, _ in
      try await search(APIQuery(request.uri.query, today: today()), rawQuery: request.uri.query)
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

  func search(_ parameters: APIQuery, rawQuery: String?) async throws -> Response {
    let query = parameters.query
    let page = try await repository.publicStatements(matching: query)
    var headers: HTTPFields = [Self.totalCountHeader: String(page.total)]
    let next = query.offset + page.items.count
    if !page.items.isEmpty, next < page.total {
      // The same search, the following page: every parameter kept but the position.
      var pairs = URLEncoding.formPairs(rawQuery).compactMap { pair -> (String, String)? in
        guard let name = pair.name, let value = pair.value, name != "offset", name != "limit"
        else { return nil }
        return (name, value)
      }
      pairs += [("limit", String(query.limit)), ("offset", String(next))]
      headers[Self.linkHeader] = "</api/statements?\(URLEncoding.query(pairs))>; rel=\"next\""
    }
    return try JSONResponse.make(page.items, headers: headers)
  }
}
