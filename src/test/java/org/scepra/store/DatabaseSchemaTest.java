package org.scepra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * schema.sql against the entities: every mapped column, constraint, index and sequence is created as the mapping
 * says (the JPA providers no longer create or check the tables), and running it again keeps what is there.
 */
class DatabaseSchemaTest {

  private Connection db;

  @BeforeEach
  void openEmptyDatabase() throws SQLException {
    db = DriverManager.getConnection("jdbc:h2:mem:schema-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  @AfterEach
  void close() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {TransactionEntity.class, CertificateEntity.class, ChallengeEntity.class, LockoutEntity.class,
      LeaseEntity.class})
  void createsEveryMappedColumnAsMapped(Class<?> entity) throws SQLException {
    DatabaseSchema.install(db);
    String table = entity.getAnnotation(Table.class).name();
    int mapped = 0;
    for (Field field : entity.getDeclaredFields()) {
      Column column = field.getAnnotation(Column.class);
      boolean id = field.isAnnotationPresent(Id.class);
      if (column == null && !id) {
        continue;
      }
      mapped++;
      String name = column != null ? column.name() : "id";
      try (PreparedStatement q = db.prepareStatement("SELECT DATA_TYPE, IS_NULLABLE, CHARACTER_MAXIMUM_LENGTH"
          + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ? AND COLUMN_NAME = ?")) {
        q.setString(1, table.toUpperCase(Locale.ROOT));
        q.setString(2, name.toUpperCase(Locale.ROOT));
        try (ResultSet rs = q.executeQuery()) {
          assertTrue(rs.next(), () -> table + "." + name + " is not created");
          assertEquals(sqlType(field.getType()), rs.getString(1), table + "." + name);
          boolean nullable = !id && column.nullable() && !field.getType().isPrimitive();
          assertEquals(nullable ? "YES" : "NO", rs.getString(2), table + "." + name + " nullability");
          if (field.getType() == String.class) {
            assertEquals(column.length(), rs.getLong(3), table + "." + name + " length");
          }
        }
      }
    }
    try (PreparedStatement q = db.prepareStatement(
        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ?")) {
      q.setString(1, table.toUpperCase(Locale.ROOT));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        assertEquals(mapped, rs.getInt(1), table + ": a column that nothing maps");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(classes = {TransactionEntity.class, CertificateEntity.class, ChallengeEntity.class, LockoutEntity.class,
      LeaseEntity.class})
  void createsTheMappedConstraintsIndexesAndSequence(Class<?> entity) throws Exception {
    DatabaseSchema.install(db);
    Table table = entity.getAnnotation(Table.class);
    for (UniqueConstraint unique : table.uniqueConstraints()) {
      assertEquals(List.of(unique.columnNames()), constraintColumns(table.name(), unique.name()), unique.name());
    }
    for (Index index : table.indexes()) {
      List<String> expected = new ArrayList<>();
      for (String column : index.columnList().split(",")) {
        expected.add(column.strip());
      }
      assertEquals(expected, indexColumns(table.name(), index.name()), index.name());
    }
    SequenceGenerator sequence = sequenceOf(entity);
    if (sequence == null) {
      return; // a natural key (scepra_lockout, scepra_lease), no generated id
    }
    try (PreparedStatement q = db.prepareStatement(
        "SELECT INCREMENT, START_VALUE FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = ?")) {
      q.setString(1, sequence.sequenceName().toUpperCase(Locale.ROOT));
      try (ResultSet rs = q.executeQuery()) {
        assertTrue(rs.next(), sequence.sequenceName());
        assertEquals(sequence.allocationSize(), rs.getInt(1), "increment = allocationSize, or ids would collide");
        // both providers read a value as the last id of its block; EclipseLink refuses a first one below the size
        assertEquals(sequence.allocationSize(), rs.getInt(2), "first value = allocationSize");
      }
    }
  }

  @Test
  void runningAgainKeepsTablesAndRows() throws SQLException {
    DatabaseSchema.install(db);
    try (Statement s = db.createStatement()) {
      s.execute("INSERT INTO scepra_challenge (id, challenge_sha256, alias, issued_by, issued_at, expires_at)"
          + " VALUES (1, 'h', 'scep', 'alice', 1, 2)");
    }
    DatabaseSchema.install(db);
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT issued_by FROM scepra_challenge")) {
      assertTrue(rs.next());
      assertEquals("alice", rs.getString(1));
      assertFalse(rs.next());
    }
  }

  @Test
  void splitsTheScriptIntoWholeStatements() throws java.io.IOException {
    List<String> statements = DatabaseSchema.statements();
    // as many statements as the script has lines that end one (every feature adds some: no fixed count)
    long ends = new String(DatabaseSchema.class.getResourceAsStream("schema.sql").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
        .filter(line -> !line.startsWith("--") && line.endsWith(";")).count();
    assertEquals(ends, statements.size(), statements::toString);
    assertTrue(statements.stream().allMatch(sql -> sql.startsWith("CREATE ") || sql.startsWith("ALTER ")),
        statements::toString);
    for (String sql : statements) {
      assertFalse(sql.contains(";") || sql.contains("--"), sql);
    }
  }

  private static SequenceGenerator sequenceOf(Class<?> entity) {
    for (Field field : entity.getDeclaredFields()) {
      if (field.isAnnotationPresent(SequenceGenerator.class)) {
        return field.getAnnotation(SequenceGenerator.class);
      }
    }
    return null;
  }

  @Test
  void aLeaseIsKeyedByItsName() throws SQLException {
    DatabaseSchema.install(db);
    try (Statement s = db.createStatement()) {
      s.execute("INSERT INTO scepra_lease (name, holder, expires_at) VALUES ('job', 'node-1', 1)");
      assertThrows(SQLException.class,
          () -> s.execute("INSERT INTO scepra_lease (name, holder, expires_at) VALUES ('job', 'node-2', 2)"));
    }
  }

  private List<String> constraintColumns(String table, String constraint) throws SQLException {
    return names("SELECT k.COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k"
        + " WHERE k.TABLE_NAME = ? AND k.CONSTRAINT_NAME = ? ORDER BY k.ORDINAL_POSITION", table, constraint);
  }

  private List<String> indexColumns(String table, String index) throws SQLException {
    return names("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
        + " WHERE TABLE_NAME = ? AND INDEX_NAME = ? ORDER BY ORDINAL_POSITION", table, index);
  }

  private List<String> names(String sql, String table, String name) throws SQLException {
    List<String> names = new ArrayList<>();
    try (PreparedStatement q = db.prepareStatement(sql)) {
      q.setString(1, table.toUpperCase(Locale.ROOT));
      q.setString(2, name.toUpperCase(Locale.ROOT));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static String sqlType(Class<?> type) {
    if (type == String.class) {
      return "CHARACTER VARYING";
    }
    if (type == long.class || type == Long.class) {
      return "BIGINT";
    }
    if (type == int.class || type == Integer.class) {
      return "INTEGER";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "BOOLEAN";
    }
    throw new AssertionError("no SQL type known for " + type);
  }
}
