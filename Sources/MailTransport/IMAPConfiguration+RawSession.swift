import CCurl

extension IMAPConfiguration {
  /// A logged-in connection of its own that libcurl hands over after login
  /// (`CONNECT_ONLY`), for what libcurl has no command for: IDLE, and one FETCH of a whole
  /// batch. TLS and timeouts as for every other IMAP connection.
  func rawSession(step: String) throws -> CurlEasy {
    let connection = try CurlEasy(server: server)
    try connection.set(CURLOPT_URL, server + "/")
    try connection.set(CURLOPT_USERNAME, username)
    try connection.set(CURLOPT_PASSWORD, password)
    try configureTLS(connection, scheme: scheme, caFile: caFile, requireTLS: requireTLS)
    try connection.set(CURLOPT_CONNECTTIMEOUT_MS, connectTimeout.milliseconds)
    try connection.set(CURLOPT_CONNECT_ONLY, 1)
    _ = try connection.perform(step: step)
    return connection
  }
}
