import Foundation
import Hummingbird

/// The API's JSON: sorted keys, so the same record always gives the same bytes.
enum JSONResponse {
  static func make(
    _ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
  ) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(value)
    var fields: HTTPFields = [
      .contentType: "application/json", .contentLength: String(data.count),
    ]
    fields.append(contentsOf: headers)
    return Response(
      status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }
}
