import Foundation
import Liaison

extension ConfigurationBuilder {
  /// `trust.*` and `approval.*`: the MTA's authserv-ids, the token key (refused under 32
  /// bytes), the per-recipient daily limit and the approval expiry.
  mutating func buildTrust(_ c: inout LiaisondConfiguration) {
    let idsKey = "trust.authserv_id"
    if let ids = list(idsKey) {
      var accepted: [String] = []
      for (index, id) in ids.enumerated() {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty
          || trimmed.unicodeScalars.contains(where: {
            $0.value <= 0x20 || $0.value == 0x7F || ";()\"\\".unicodeScalars.contains($0)
          })
        {
          add(
            .invalidValue, idsKey,
            "item \(index + 1), \(Quoted(id)), is not an authserv-id; give the name your MTA "
              + "writes first in Authentication-Results, such as mx.iab.org")
        } else {
          accepted.append(trimmed.lowercased())
        }
      }
      c.trust.authservIDs = accepted
    }

    if let found = tokenKeyPath() {
      let (path, key) = (found.path, found.key)
      c.trust.tokenKeyFile = path
      switch FileAccess.read(path, limit: ConfigurationLoader.secretSizeLimit) {
      case .failure(let failure):
        add(.unreadableFile, key, "cannot read the token key file \(path): \(failure)")
      case .success(let bytes):
        do {
          c.trust.tokenKey = try CommandTokenKey(bytes: bytes, file: path)
        } catch {
          add(.invalidValue, key, "\(error)")
        }
      }
    }

    let limitKey = "trust.outside_recipient_daily_limit"
    if let text = text(limitKey) {
      if let limit = Int(text), limit >= 1 {
        c.trust.outsideRecipientDailyLimit = limit
      } else {
        add(
          .invalidValue, limitKey,
          "\(Quoted(text)) is not a number of mails a day (1 or more; default 10)")
      }
    }

    if let expiry = duration("approval.expire_after") {
      if expiry > .zero {
        c.approval.expireAfter = expiry
      } else {
        add(.invalidValue, "approval.expire_after", "must be longer than 0, such as 14d")
      }
    }
    if let archive = address("approval.statements_archive") {
      c.approval.statementsArchive = archive
    }
  }

  /// `trust.token_key_file` (a bare name is a systemd credential name, as for passwords),
  /// else the credential `token-key` when systemd provides one; with the key it came from.
  private mutating func tokenKeyPath() -> (path: String, key: String)? {
    let key = "trust.token_key_file"
    let credentials = environment["CREDENTIALS_DIRECTORY"].flatMap { $0.isEmpty ? nil : $0 }
    if let named = text(key) {
      if !named.contains("/"), let credentials {
        return ((credentials as NSString).appendingPathComponent(named), key)
      }
      return (FileAccess.absolute(named, base: baseDirectory), key)
    }
    if let credentials, FileManager.default.fileExists(atPath: "\(credentials)/token-key") {
      return ("\(credentials)/token-key", key)
    }
    return nil
  }
}
