extension ParserState {
  /// Turns the arena entry into its value-type entity, appending defects in
  /// depth-first order (delivery-status blocks included, as Python walks them).
  func buildEntity(_ index: Int, defects: inout [MIMEDefect]) -> MIMEEntity {
    let node = nodes[index]
    defects.append(contentsOf: node.defects)
    let header = MIMEHeader(fields: node.fields)
    let isDeliveryStatus = node.contentType == "message/delivery-status"
    let kind: MIMEEntity.Kind =
      if !node.isMultipart || isDeliveryStatus {
        .leaf
      } else if node.mainTypeIsMultipart {
        .multipart
      } else {
        .message
      }
    var children: [MIMEEntity] = []
    if isDeliveryStatus {
      // Python keeps these header blocks as entities; only their defects matter.
      for c in node.children { _ = buildEntity(c, defects: &defects) }
    } else {
      children.reserveCapacity(node.children.count)
      for c in node.children { children.append(buildEntity(c, defects: &defects)) }
    }
    let disposition = header.first("content-disposition")
    let dispositionParams = disposition.flatMap {
      $0.tooLargeToParse ? nil : MIMEParameters.parse($0.escapedValue)
    }
    var filename = dispositionParams?.collapsed("filename")
    if filename == nil { filename = node.params?.collapsed("name") }
    var charset = node.params?["charset"]
    if let c = charset { charset = c.utf8.allSatisfy { $0 < 0x80 } ? ASCII.pythonLower(c) : nil }
    let rawBody: ArraySlice<UInt8> =
      if kind != .leaf {
        []
      } else if isDeliveryStatus {
        bytes[node.bodyStart..<max(node.bodyStart, node.end)]
      } else {
        node.payload.slice(bytes)
      }
    return MIMEEntity(
      kind: kind,
      header: header,
      contentType: node.contentType,
      charset: charset,
      disposition: dispositionParams.map { ASCII.pythonLower($0.value) },
      filename: filename.map(ASCII.pythonStrip),
      isAttachment: dispositionParams?.dispositionToken == "attachment",
      contentID: header["content-id"].map(ASCII.pythonStrip),
      boundary: kind == .multipart
        ? node.params?.collapsed("boundary").map(ASCII.pythonRStrip) : nil,
      children: children,
      defects: node.defects,
      rawBody: rawBody,
      transferEncoding: TransferEncoding.mechanism(header["content-transfer-encoding"]),
      range: node.start..<max(node.start, node.end),
      bodyOffset: node.bodyStart,
      hasPayload: !isDeliveryStatus
    )
  }
}
