package gatehouse.account;

/** The gender choices of the original sign-up form. */
public enum Gender { FEMALE, MALE, UNDISCLOSED }
