extension LiaisondConfiguration {
  /// Settings that work but are probably not what the operator meant: `check-config`
  /// prints them and the daemon logs them at start, without refusing to run.
  public var warnings: [ConfigurationIssue] {
    var warnings: [ConfigurationIssue] = []
    let location = sourcePath ?? "configuration"
    // liaisond never mails its own address (that would loop through the polled mailbox),
    // so an IAB contact equal to the sender silently receives nothing.
    if let from = smtp.fromAddress?.lowercased() {
      for (key, contact) in [
        ("routing.iab_contact", routing.iabContact), ("routing.irtf_contact", routing.irtfContact),
      ] where contact.lowercased() == from {
        warnings.append(
          ConfigurationIssue(
            kind: .invalidValue, key: key, location: location,
            message:
              "\(contact) is also smtp.from, and liaisond never mails its own address: the mails "
              + "meant for this contact (misdirected and overdue statements, the weekly digest) "
              + "would be dropped; set the contact's own address"))
      }
    }
    return warnings + trustWarnings
  }
}
