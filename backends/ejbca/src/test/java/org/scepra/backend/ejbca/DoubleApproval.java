package org.scepra.backend.ejbca;

/** An approval request in the EJBCA double: 1 = waiting, 0 = approved, -1 = rejected; or expired. */
final class DoubleApproval {
  final UserDataVOWS user;
  volatile int remaining = 1;
  volatile boolean expired;

  DoubleApproval(UserDataVOWS user) {
    this.user = user;
  }
}
