import Mustache

// The templates look values up by name. Without this, swift-mustache finds each one with
// `Mirror`, which walks and demangles every stored property per lookup: that was three
// quarters of the CPU time of the list page (50 rows). A switch per view type is a few
// string comparisons. Every stored property of a view must be listed here: a missing one
// renders empty without an error, and `MustacheLookupTests` fails on it.

extension AttachmentView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "filename": filename
    case "href": href
    case "contentType": contentType
    case "size": size
    case "sha256": sha256
    case "proprietary": proprietary
    default: nil
    }
  }
}

extension ErrorPageView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "chrome": chrome
    case "status": status
    case "message": message
    default: nil
    }
  }
}

extension EventView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "at": at
    case "kind": kind
    case "detail": detail
    default: nil
    }
  }
}

extension FieldView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "label": label
    case "values": values
    case "source": source
    default: nil
    }
  }
}

extension FilterFormView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "q": q
    case "from": from
    case "to": to
    case "receivedFrom": receivedFrom
    case "receivedTo": receivedTo
    case "purposeOptions": purposeOptions
    case "stateOptions": stateOptions
    case "deadlineOptions": deadlineOptions
    case "isFiltered": isFiltered
    default: nil
    }
  }
}

extension IABPageView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "chrome": chrome
    case "sections": sections
    case "withheld": withheld
    case "intakeFailures": intakeFailures
    case "withheldAcknowledgements": withheldAcknowledgements
    case "privateMail": privateMail
    case "hasPrivateMail": hasPrivateMail
    case "privateMailCount": privateMailCount
    case "privateMailMore": privateMailMore
    default: nil
    }
  }
}

extension PrivateMailRowView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": id
    case "kind": kind
    case "state": state
    case "received": received
    case "sender": sender
    case "subject": subject
    case "why": why
    default: nil
    }
  }
}

extension IABSectionView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "anchor": anchor
    case "heading": heading
    case "explanation": explanation
    case "rows": rows
    case "hasRows": hasRows
    case "count": count
    case "moreHref": moreHref
    case "showReason": showReason
    case "showOverdue": showOverdue
    default: nil
    }
  }
}

extension LinkView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": id
    case "href": href
    case "title": title
    case "relation": relation
    default: nil
    }
  }
}

extension ListPageView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "chrome": chrome
    case "form": form
    case "notices": notices
    case "rows": rows
    case "hasRows": hasRows
    case "summary": summary
    case "previousHref": previousHref
    case "nextHref": nextHref
    case "pageLabel": pageLabel
    default: nil
    }
  }
}

extension OptionView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "value": value
    case "label": label
    case "selected": selected
    default: nil
    }
  }
}

extension RouteView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "groups": groups
    case "recipients": recipients
    case "reason": reason
    case "misdirected": misdirected
    default: nil
    }
  }
}

extension StatementPageView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "chrome": chrome
    case "id": id
    case "title": title
    case "kind": kind
    case "state": state
    case "stateClass": stateClass
    case "purpose": purpose
    case "direction": direction
    case "received": received
    case "receivedLabel": receivedLabel
    case "overdue": overdue
    case "fields": fields
    case "route": route
    case "attachments": attachments
    case "hasAttachments": hasAttachments
    case "flaggedAttachments": flaggedAttachments
    case "body": body
    case "answers": answers
    case "inResponseTo": inResponseTo
    case "responses": responses
    case "hasRelated": hasRelated
    case "events": events
    case "defects": defects
    case "hasDefects": hasDefects
    case "rawHref": rawHref
    case "jsonHref": jsonHref
    default: nil
    }
  }
}

extension StatementRowView: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "id": id
    case "href": href
    case "title": title
    case "from": from
    case "to": to
    case "purpose": purpose
    case "state": state
    case "stateClass": stateClass
    case "deadline": deadline
    case "overdue": overdue
    case "daysOverdue": daysOverdue
    case "received": received
    case "direction": direction
    case "reason": reason
    default: nil
    }
  }
}

extension PageChrome: MustacheParent {
  func child(named name: String) -> Any? {
    switch name {
    case "siteTitle": siteTitle
    case "pageTitle": pageTitle
    case "isList": isList
    case "isIAB": isIAB
    case "feedHref": feedHref
    case "feedTitle": feedTitle
    default: nil
    }
  }
}
