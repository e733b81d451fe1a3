package org.scepra.backend.ejbca;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlType;

/** EJBCA's {@code userMatch}: what findUser looks for. Field order is EJBCA's; elements are unqualified. */
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "userMatch", namespace = EjbcaWs.NAMESPACE, propOrder = {"matchtype", "matchvalue", "matchwith"})
public class UserMatch {

  /** The whole subject DN, as EJBCA stores it. */
  public static final int MATCH_WITH_DN = 7;
  /** The subject DN's common name. */
  public static final int MATCH_WITH_COMMONNAME = 101;
  public static final int MATCH_TYPE_EQUALS = 0;

  public int matchtype;
  public String matchvalue;
  public int matchwith;

  static UserMatch equals(int matchWith, String value) {
    UserMatch match = new UserMatch();
    match.matchwith = matchWith;
    match.matchtype = MATCH_TYPE_EQUALS;
    match.matchvalue = value;
    return match;
  }
}
